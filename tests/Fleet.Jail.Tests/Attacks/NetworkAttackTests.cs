using Fleet.Jail.Security;

namespace Fleet.Jail.Tests.Attacks;

/// <summary>Issue 3, attack 4 (the jail's own part): no raw sockets by default.</summary>
public sealed class NetworkAttackTests(JailFixture fixture)
{
    [Fact]
    public async Task Raw_and_packet_sockets_are_refused_but_ping_sockets_work()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);

        var (exit, stdout) = await test.RunAsync(test.Spec("raw", "fleet-probe", "sockets"));

        Assert.Equal(new JailExit(0, null), exit);
        var results = ProbeResults.Parse(stdout);
        Assert.Equal("EPERM", results["socket(AF_INET, SOCK_RAW)"]);
        Assert.Equal("EPERM", results["socket(AF_PACKET, SOCK_RAW)"]);
        Assert.Equal("EPERM", results["socket(AF_PACKET, SOCK_DGRAM)"]);
        // net.ipv4.ping_group_range is opened in the jail's network namespace, so ping needs no NET_RAW.
        Assert.Equal("ok", results["socket(AF_INET, SOCK_DGRAM, ICMP)"]);
    }

    [Fact]
    public async Task Adding_NET_RAW_gives_raw_sockets_back()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);
        var spec = test.Spec("raw-allowed", "fleet-probe", "sockets") with
        {
            Security = JailSecurity.Default with { AddCapabilities = ["NET_RAW"] },
        };

        var (_, stdout) = await test.RunAsync(spec);

        Assert.Equal("ok", ProbeResults.Parse(stdout)["socket(AF_INET, SOCK_RAW)"]);
    }
}
