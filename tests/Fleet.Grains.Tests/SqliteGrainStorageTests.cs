using System.Collections.Immutable;
using Fleet.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Fleet.Grains.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "workload";
    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "fleet.db");

    public void Dispose() => _directory.Dispose();

    private SqliteGrainStorage Open() => new(DatabasePath, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);

    private static GrainId Grain(string key) => GrainId.Create("fleet-test", key);

    private static WorkloadSnapshot Snapshot(string id, long version) => new(
        id,
        new WorkloadSpec("hello", ["/bin/echo", "hello"], 64L << 20, 500, "busybox", ImmutableDictionary<string, string>.Empty.Add("A", "b")),
        WorkloadPhase.Exited,
        "node-a",
        0,
        "exited with code 0",
        new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
        [new StateChange(WorkloadPhase.Pending, DateTimeOffset.UnixEpoch, "submitted"), new StateChange(WorkloadPhase.Exited, DateTimeOffset.UnixEpoch.AddSeconds(1), "done")],
        version);

    [Fact]
    public async Task A_missing_state_reads_as_no_record()
    {
        using var storage = Open();
        var state = new GrainState<Holder>(new Holder());

        await storage.ReadStateAsync(StateName, Grain("nothing"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Null(state.State!.Workload);
        Assert.True(File.Exists(DatabasePath), "the database file is created on first use");
    }

    [Fact]
    public async Task A_written_state_reads_back_the_same_from_a_new_storage_on_the_same_file()
    {
        var written = new GrainState<Holder>(new Holder { Workload = Snapshot("w-1", 7), Stopped = true });
        using (var storage = Open())
        {
            await storage.WriteStateAsync(StateName, Grain("w-1"), written);
        }

        using var reopened = Open();
        var read = new GrainState<Holder>(new Holder());
        await reopened.ReadStateAsync(StateName, Grain("w-1"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.State!.Stopped);
        var expected = written.State!.Workload!;
        var actual = read.State!.Workload!;
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Spec.Command, actual.Spec.Command);
        Assert.Equal(expected.Spec.Environment, actual.Spec.Environment);
        Assert.Equal(expected.Spec with { Command = actual.Spec.Command, Environment = actual.Spec.Environment }, actual.Spec);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected with { Spec = actual.Spec, History = actual.History }, actual);
    }

    [Fact]
    public async Task State_names_and_grain_ids_are_kept_apart()
    {
        using var storage = Open();
        await storage.WriteStateAsync("a", Grain("g"), new GrainState<Holder>(new Holder { Workload = Snapshot("from-a", 1) }));
        await storage.WriteStateAsync("b", Grain("g"), new GrainState<Holder>(new Holder { Workload = Snapshot("from-b", 1) }));

        var a = new GrainState<Holder>(new Holder());
        var other = new GrainState<Holder>(new Holder());
        await storage.ReadStateAsync("a", Grain("g"), a);
        await storage.ReadStateAsync("a", Grain("h"), other);

        Assert.Equal("from-a", a.State!.Workload!.Id);
        Assert.False(other.RecordExists);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        using var storage = Open();
        var grain = Grain("contested");
        var mine = new GrainState<Holder>(new Holder { Workload = Snapshot("w", 1) });
        await storage.WriteStateAsync(StateName, grain, mine);
        var theirs = new GrainState<Holder>(new Holder());
        await storage.ReadStateAsync(StateName, grain, theirs);

        theirs.State!.Stopped = true;
        await storage.WriteStateAsync(StateName, grain, theirs);
        mine.State!.Workload = Snapshot("w", 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, mine));
        var fresh = new GrainState<Holder>(new Holder());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, fresh));
        var forged = new GrainState<Holder>(new Holder()) { ETag = "not-a-version" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, forged));

        var stored = new GrainState<Holder>(new Holder());
        await storage.ReadStateAsync(StateName, grain, stored);
        Assert.True(stored.State!.Stopped);
        Assert.Equal(1, stored.State!.Workload!.Version);
        Assert.Equal(theirs.ETag, stored.ETag);
    }

    [Fact]
    public async Task Clear_removes_the_row_and_a_new_write_starts_over()
    {
        using var storage = Open();
        var grain = Grain("cleared");
        var state = new GrainState<Holder>(new Holder { Workload = Snapshot("w", 1) });
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = new GrainState<Holder>(new Holder());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        await storage.WriteStateAsync(StateName, grain, state);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task Many_concurrent_writers_all_commit()
    {
        const int Grains = 200;
        const int WritesEach = 5;
        using (var storage = Open())
        {
            await Task.WhenAll(Enumerable.Range(0, Grains).Select(async g =>
            {
                var state = new GrainState<Holder>(new Holder());
                for (var version = 1; version <= WritesEach; version++)
                {
                    state.State!.Workload = Snapshot($"w-{g}", version);
                    await storage.WriteStateAsync(StateName, Grain($"g-{g}"), state);
                }
            }));
        }

        using var reopened = Open();
        for (var g = 0; g < Grains; g++)
        {
            var read = new GrainState<Holder>(new Holder());
            await reopened.ReadStateAsync(StateName, Grain($"g-{g}"), read);
            Assert.True(read.RecordExists, $"grain {g} lost its state");
            Assert.Equal(WritesEach, read.State!.Workload!.Version);
            Assert.Equal(WritesEach.ToString(System.Globalization.CultureInfo.InvariantCulture), read.ETag);
        }
    }

    [Fact]
    public async Task Two_storages_on_one_file_share_it_safely()
    {
        using var first = Open();
        using var second = Open();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            (i % 2 == 0 ? first : second).WriteStateAsync(StateName, Grain($"shared-{i}"), new GrainState<Holder>(new Holder { Workload = Snapshot($"w-{i}", 1) }))));

        for (var i = 0; i < 100; i++)
        {
            var read = new GrainState<Holder>(new Holder());
            await (i % 2 == 0 ? second : first).ReadStateAsync(StateName, Grain($"shared-{i}"), read);
            Assert.Equal($"w-{i}", read.State!.Workload!.Id);
        }
    }

    /// <summary>A state shaped like the grains' own: records with immutable collections inside.</summary>
    public sealed class Holder
    {
        public WorkloadSnapshot? Workload { get; set; }

        public bool Stopped { get; set; }
    }
}
