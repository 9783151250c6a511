namespace Fleet.Deploy.Tests;

public sealed class ComposeFileTests
{
    private static readonly string[] AnyAddress = ["0.0.0.0", "[::]", "*", "+"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void The_stack_has_a_control_plane_an_agent_prometheus_and_grafana()
    {
        Assert.Equal(ConfigurationKeys.ControlPlane, _compose.Service("controlplane").Owner);
        Assert.Equal(ConfigurationKeys.Agent, _compose.Service("agent").Owner);
        Assert.NotNull(_compose.Service("prometheus").Node.Scalar("image"));
        Assert.NotNull(_compose.Service("grafana").Node.Scalar("image"));
    }

    [Fact]
    public void The_agent_is_privileged_in_the_host_cgroup_hierarchy_with_its_state_on_a_volume()
    {
        var agent = _compose.Service("agent");

        Assert.True(agent.Privileged, "The agent creates namespaces, cgroups and mounts: it needs privileged: true.");
        Assert.Equal("host", agent.Cgroup);
        var cgroup = Assert.Single(agent.Volumes, volume => volume.Target == "/sys/fs/cgroup");
        Assert.Equal("/sys/fs/cgroup", cgroup.Source);
        Assert.False(cgroup.ReadOnly, "The agent writes cgroups: /sys/fs/cgroup must be mounted read-write.");
        // Overlay upper directories cannot be on the container's own overlay root file system.
        var state = Assert.Single(agent.Volumes, volume => volume.Target == "/var/lib/fleet");
        Assert.False(state.IsBind);
    }

    [Fact]
    public void The_control_plane_keeps_its_data_on_a_named_volume()
    {
        var controlPlane = _compose.Service("controlplane");
        var dataDirectory = controlPlane.Setting(ConfigurationKeys.Find(ConfigurationKeys.ControlPlane, "Fleet:DataDirectory")!);

        var data = Assert.Single(controlPlane.Volumes, volume => volume.Target == dataDirectory);
        Assert.False(data.IsBind);
    }

    [Fact]
    public void Every_build_names_a_dockerfile_in_the_repository_with_its_own_ignore_file()
    {
        var built = _compose.Services.Values.Where(service => service.DockerfilePath is not null).ToList();

        Assert.Equal(2, built.Count);
        foreach (var service in built)
        {
            Assert.Equal(RepositoryRoot.Path, service.BuildContext);
            Assert.True(File.Exists(service.DockerfilePath), $"{service.Name}: {service.DockerfilePath} does not exist.");
            // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile; the repository's top level is fixed.
            var ignore = File.ReadAllLines(service.DockerfilePath + ".dockerignore");
            Assert.Contains("**/bin/", ignore);
            Assert.Contains("**/obj/", ignore);
        }
    }

    [Fact]
    public void Every_bind_mount_of_a_repository_path_exists_and_every_named_volume_is_declared()
    {
        foreach (var service in _compose.Services.Values)
        {
            foreach (var volume in service.Volumes.Where(volume => volume.Source.Length > 0))
            {
                if (volume.Source.StartsWith('.'))
                {
                    var source = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, volume.Source));
                    Assert.True(File.Exists(source) || Directory.Exists(source), $"{service.Name}: bind mount source {volume.Source} does not exist.");
                }
                else if (!volume.IsBind)
                {
                    Assert.Contains(volume.Source, _compose.NamedVolumes);
                }
            }
        }
    }

    [Fact]
    public void Every_environment_variable_of_a_fleet_service_is_a_configuration_key_of_its_process()
    {
        foreach (var service in _compose.FleetServices)
        {
            foreach (var variable in service.EffectiveEnvironment.Keys)
            {
                var key = ConfigurationKeys.FromEnvironmentVariable(variable);
                Assert.True(
                    ConfigurationKeys.Find(service.Owner!, key) is not null,
                    $"{service.Name} sets {variable}, but '{key}' is not a configuration key of the {service.Owner}.");
            }
        }
    }

    [Fact]
    public void Fleet_services_listen_on_every_interface_at_their_default_ports()
    {
        foreach (var service in _compose.FleetServices)
        {
            foreach (var key in ConfigurationKeys.ListenUrls(service.Owner!))
            {
                var url = new Uri(service.Setting(key));
                // The agent listens on every interface when given a host name (and registers that
                // name as its address); the control plane accepts only addresses.
                var everyInterface = AnyAddress.Contains(url.Host) ||
                    (service.Owner == ConfigurationKeys.Agent && url.HostNameType == UriHostNameType.Dns && !url.IsLoopback);
                Assert.True(everyInterface, $"{service.Name}: {key.Key} = {url} is unreachable from other containers.");
                Assert.Equal(key.DefaultPort, url.Port);
            }
        }
    }

    [Fact]
    public void Published_ports_are_the_ports_of_the_services_listen_urls()
    {
        foreach (var service in _compose.FleetServices)
        {
            var listening = ConfigurationKeys.ListenUrls(service.Owner!).Select(key => new Uri(service.Setting(key)).Port).ToHashSet();
            foreach (var port in service.Ports)
            {
                Assert.Contains(port.Target, listening);
                Assert.Equal(port.Target, port.Published);
            }
        }

        var published = _compose.Service("controlplane").Ports.Select(port => port.Target).Order();
        Assert.Equal([7400, 7401], published);
    }

    [Fact]
    public void The_agent_dials_the_control_plane_and_registers_itself_by_service_name()
    {
        var controlPlane = _compose.Service("controlplane");
        var agent = _compose.Service("agent");
        var controlPlaneGrpc = new Uri(controlPlane.Setting(ConfigurationKeys.Find(ConfigurationKeys.ControlPlane, "Fleet:GrpcUrl")!));

        var dialed = new Uri(agent.Setting(ConfigurationKeys.Find(ConfigurationKeys.Agent, "Agent:ControlPlane")!));
        Assert.Equal(controlPlane.Name, dialed.Host);
        Assert.Equal(controlPlaneGrpc.Port, dialed.Port);

        // The agent registers the host:port of Agent:GrpcUrl as its address and the control plane
        // dials it back there (logs): only the service name resolves from the control plane's container.
        var registered = new Uri(agent.Setting(ConfigurationKeys.Find(ConfigurationKeys.Agent, "Agent:GrpcUrl")!));
        Assert.Equal(agent.Name, registered.Host);
    }

    [Fact]
    public void Dependencies_name_existing_services_and_the_agent_waits_for_a_healthy_control_plane()
    {
        foreach (var service in _compose.Services.Values)
        {
            foreach (var (dependency, condition) in service.DependsOn)
            {
                var target = _compose.Service(dependency);
                if (condition == "service_healthy")
                {
                    Assert.True(target.HasHealthcheck, $"{service.Name} waits for {dependency} to be healthy, which has no health check.");
                }
            }
        }

        Assert.Equal("service_healthy", _compose.Service("agent").DependsOn["controlplane"]);
    }
}
