using Fleet.Jail.Processes;

namespace Fleet.Jail.Tests;

public sealed class ProcessStatTests
{
    [Fact]
    public void Parses_state_and_start_time_even_when_the_command_name_holds_parentheses_and_spaces()
    {
        const string stat = "4242 (we ird) (x) S 1 4242 4242 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 987654 1000 200 18446744073709551615";

        Assert.Equal(new ProcessStat('S', 987654), ProcessStat.Parse(stat));
    }

    [Fact]
    public void A_truncated_line_gives_nothing()
    {
        Assert.Null(ProcessStat.Parse("4242 (sh) S 1 2 3"));
    }

    [Fact]
    public void Reads_this_process_and_tells_a_reused_pid_apart()
    {
        var self = Environment.ProcessId;
        var stat = ProcessStat.Read(self);

        Assert.NotNull(stat);
        Assert.True(ProcessStat.IsAlive(self, stat.StartTime));
        Assert.False(ProcessStat.IsAlive(self, stat.StartTime + 1));
        Assert.Null(ProcessStat.Read(int.MaxValue));
    }
}
