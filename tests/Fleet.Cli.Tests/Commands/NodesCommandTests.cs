using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Cli.Tests.Commands;

public sealed class NodesCommandTests
{
    [Fact]
    public async Task Nodes_prints_id_address_capacity_allocated_state_and_last_heartbeat()
    {
        await using var server = await FakeControlPlane.StartAsync();
        AddNodes(server);

        var result = await InProcessCli.RunAsync(server, "nodes");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = result.OutputLines.Select(l => l.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        Assert.Equal(["ID", "ADDRESS", "CAPACITY", "ALLOCATED", "STATE", "LAST-HEARTBEAT"], rows[0]);
        Assert.Equal(["node-a", "127.0.0.1:7410", "2/4Gi", "0.5/64Mi", "ready", "3s ago"], rows[1]);
        Assert.Equal(["node-b", "127.0.0.1:7420", "16/7.7Gi", "0/0", "down", "2m ago"], rows[2]);
        Assert.Equal(["node-c", "127.0.0.1:7430", "1/512Mi", "0/0", "unknown", "never"], rows[3]);
    }

    [Fact]
    public async Task Nodes_json_is_one_object_with_the_list()
    {
        await using var server = await FakeControlPlane.StartAsync();
        AddNodes(server);

        var result = await InProcessCli.RunAsync(server, "nodes", "-o", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(server.Nodes.Stored, JsonParser.Default.Parse<ListNodesResponse>(result.Output).Nodes);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("NODE_STATE_READY", json.RootElement.GetProperty("nodes")[0].GetProperty("state").GetString());
    }

    private static void AddNodes(FakeControlPlane server)
    {
        server.Nodes.Stored.Add(new Node
        {
            Id = "node-a",
            Address = "127.0.0.1:7410",
            Capacity = new Resources { CpuMillis = 2000, MemoryBytes = 4L << 30 },
            Allocated = new Resources { CpuMillis = 500, MemoryBytes = 64L << 20 },
            State = NodeState.Ready,
            LastHeartbeat = Timestamp.FromDateTimeOffset(InProcessCli.Now.AddSeconds(-3)),
        });
        server.Nodes.Stored.Add(new Node
        {
            Id = "node-b",
            Address = "127.0.0.1:7420",
            Capacity = new Resources { CpuMillis = 16000, MemoryBytes = 8_233_000_000 },
            Allocated = new Resources(),
            State = NodeState.Down,
            LastHeartbeat = Timestamp.FromDateTimeOffset(InProcessCli.Now.AddMinutes(-2)),
        });
        server.Nodes.Stored.Add(new Node
        {
            Id = "node-c",
            Address = "127.0.0.1:7430",
            Capacity = new Resources { CpuMillis = 1000, MemoryBytes = 512L << 20 },
            Allocated = new Resources(),
        });
    }
}
