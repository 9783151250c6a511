using Fleet.Agent.Connection;
using Fleet.Agent.Hosting;
using Fleet.Agent.Logs;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Workloads;
using Fleet.Jail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Tests.Hosting;

public sealed class AgentServicesTests
{
    [Fact]
    public void Binds_the_shared_configuration_keys()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Agent:NodeId"] = "node-7",
            ["Agent:ControlPlane"] = "http://10.0.0.1:7400",
            ["Agent:GrpcUrl"] = "http://127.0.0.1:7420",
            ["Agent:StateDirectory"] = "/tmp/fleet-agent-b",
            ["Agent:HeartbeatInterval"] = "00:00:05",
            ["Agent:CpuMillis"] = "1500",
            ["Agent:MemoryBytes"] = "1073741824",
            ["Agent:StopGracePeriod"] = "00:00:03",
        });

        var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
        Assert.Equal("node-7", options.NodeId);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StopGracePeriod);
        Assert.Equal("/var/lib/fleet/rootfs", options.RootfsDirectory);

        var node = provider.GetRequiredService<NodeDescription>();
        Assert.Equal("node-7", node.NodeId);
        Assert.Equal("127.0.0.1:7420", node.Address);
        Assert.Equal(1500, node.Capacity.CpuMillis);
        Assert.Equal(1073741824, node.Capacity.MemoryBytes);
    }

    [Fact]
    public async Task Resolves_every_part_of_the_agent()
    {
        await using var provider = Build([]);

        Assert.Single(provider.GetServices<IHostedService>().OfType<ControlPlaneConnection>());
        Assert.NotNull(provider.GetRequiredService<WorkloadReconciler>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<AgentLogService>(provider));
    }

    [Theory]
    [InlineData("Agent:NodeId", "", "Agent:NodeId must not be empty")]
    [InlineData("Agent:GrpcUrl", "127.0.0.1:7410", "Agent:GrpcUrl must be an absolute http:// URL")]
    [InlineData("Agent:ControlPlane", "not a url", "Agent:ControlPlane must be an absolute http:// or https:// URL")]
    [InlineData("Agent:HeartbeatInterval", "00:00:00", "Agent:HeartbeatInterval must be positive")]
    [InlineData("Agent:CpuMillis", "0", "Agent:CpuMillis must be positive when set")]
    public void Refuses_bad_options_naming_the_key(string key, string value, string message)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AgentOptions>>().Value);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFleetAgent(configuration);
        services.AddSingleton<IJailRuntime, FakeJailRuntime>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
