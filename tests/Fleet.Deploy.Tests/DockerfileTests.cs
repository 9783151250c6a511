using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Fleet.Deploy.Tests;

public sealed partial class DockerfileTests
{
    public static TheoryData<string> Services => ["controlplane", "agent"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_copy_from_the_build_context_names_an_existing_path(string serviceName)
    {
        var service = _compose.Service(serviceName);
        var dockerfile = service.Dockerfile!;

        var copies = dockerfile.Stages.SelectMany(stage => stage.Instructions)
            .Where(instruction => instruction.Keyword is "COPY" or "ADD" && instruction.Option("from") is null)
            .ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            foreach (var source in copy.Operands.SkipLast(1))
            {
                var path = Path.Combine(service.BuildContext!, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{dockerfile.Path}: {copy.Keyword} source '{source}' is not in the build context.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Builds_on_the_dotnet_sdk_and_runs_on_the_aspnet_runtime(string serviceName)
    {
        var dockerfile = _compose.Service(serviceName).Dockerfile!;

        Assert.Equal(2, dockerfile.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stages[0].BaseImage);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.Final.BaseImage);
        Assert.All(
            dockerfile.Final.All("COPY"),
            copy => Assert.Equal(dockerfile.Stages[0].Name, copy.Option("from")));
    }

    [Theory]
    [InlineData("controlplane", "src/Fleet.ControlPlane")]
    [InlineData("agent", "src/Fleet.Agent")]
    public void The_entrypoint_is_the_published_binary_of_the_project(string serviceName, string project)
    {
        var dockerfile = _compose.Service(serviceName).Dockerfile!;
        var build = string.Join('\n', dockerfile.Stages[0].Runs);

        var publish = PublishCommand().Matches(build).FirstOrDefault(match => match.Groups["project"].Value == project);
        Assert.True(publish is not null, $"{dockerfile.Path} does not publish {project}.");
        var output = publish.Groups["output"].Value;

        var entrypoint = Assert.Single(dockerfile.Final.Entrypoint);
        var copy = Assert.Single(dockerfile.Final.All("COPY"), copy => copy.Operands[0].TrimEnd('/') == output);
        Assert.Equal(copy.Operands[1].TrimEnd('/') + "/" + AssemblyName(project), entrypoint);
    }

    [Fact]
    public void The_agent_image_holds_a_native_jail_init_beside_the_agent_and_a_static_busybox()
    {
        var dockerfile = _compose.Service("agent").Dockerfile!;
        var build = string.Join('\n', dockerfile.Stages[0].Runs);
        var runtime = string.Join('\n', dockerfile.Final.Runs);

        // NativeAOT links with gcc and bfd (see the project file) and needs zlib.
        Assert.Contains("gcc", build, StringComparison.Ordinal);
        Assert.Contains("zlib1g-dev", build, StringComparison.Ordinal);
        var publish = PublishCommand().Matches(build).Single(match => match.Groups["project"].Value == "src/Fleet.Jail.Init");
        var jailInit = AssemblyName("src/Fleet.Jail.Init");

        var copy = Assert.Single(dockerfile.Final.All("COPY"), copy => copy.Operands[0] == $"{publish.Groups["output"].Value}/{jailInit}");
        var agentDirectory = Path.GetDirectoryName(Assert.Single(dockerfile.Final.Entrypoint));
        Assert.Equal($"{agentDirectory}/{jailInit}", copy.Operands[1]);
        Assert.Contains("busybox-static", runtime, StringComparison.Ordinal);
    }

    [Fact]
    public void The_control_plane_runs_as_an_unprivileged_user_and_the_agent_as_root()
    {
        var controlPlane = _compose.Service("controlplane").Dockerfile!.Final.User;
        Assert.NotNull(controlPlane);
        Assert.DoesNotContain(controlPlane, new[] { "root", "0", "0:0" });

        Assert.Null(_compose.Service("agent").Dockerfile!.Final.User);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_health_check_probes_healthz_on_the_http_port_with_the_installed_busybox(string serviceName)
    {
        var service = _compose.Service(serviceName);
        var dockerfile = service.Dockerfile!;
        var healthcheck = Assert.Single(dockerfile.Final.All("HEALTHCHECK")).Arguments;

        var httpUrl = ConfigurationKeys.ListenUrls(service.Owner!).Single(key => key.Key.EndsWith(":HttpUrl", StringComparison.Ordinal));
        var port = new Uri(service.Setting(httpUrl)).Port;
        Assert.Contains($"\"http://127.0.0.1:{port}/healthz\"", healthcheck, StringComparison.Ordinal);
        Assert.Contains("\"busybox\"", healthcheck, StringComparison.Ordinal);
        Assert.Contains("busybox-static", string.Join('\n', dockerfile.Final.Runs), StringComparison.Ordinal);
    }

    private static string AssemblyName(string project)
    {
        var projectFile = Path.Combine(RepositoryRoot.Path, project, Path.GetFileName(project) + ".csproj");
        var name = XDocument.Load(projectFile).Descendants("AssemblyName").Select(element => element.Value).LastOrDefault();
        return name ?? Path.GetFileName(project);
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+) .*?-o (?<output>\S+)")]
    private static partial Regex PublishCommand();
}
