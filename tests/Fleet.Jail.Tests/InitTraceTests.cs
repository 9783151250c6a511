using System.Diagnostics;
using System.Globalization;

namespace Fleet.Jail.Tests;

/// <summary>Where a jail's start goes: the init's own step timings, next to start-to-exit of /bin/true.</summary>
public sealed class InitTraceTests(JailFixture fixture)
{
    private const int Runs = 30;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_init_step_of_a_default_jail_is_timed()
    {
        await using var test = new TestJail(fixture, traceInit: true);
        await test.RunAsync(test.Spec("warm", "true"));
        var steps = new Dictionary<string, List<double>>();
        var totals = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var jail = await test.Runtime.StartAsync(test.Spec($"traced-{i}", "/bin/true"), Cancel);
            var exit = await jail.Exited.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            totals.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(new JailExit(0, null), exit);
            foreach (var line in await File.ReadAllLinesAsync(Path.Combine(test.StateDirectory, jail.Id, "init-trace"), Cancel))
            {
                var space = line.LastIndexOf(' ');
                var step = line[..space];
                if (!steps.TryGetValue(step, out var values))
                {
                    steps[step] = values = [];
                }

                values.Add(double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture) / 1000);
            }

            await jail.DisposeAsync();
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"/bin/true start to exit: median {Median(totals):F2} ms over {Runs} runs");
        foreach (var (step, values) in steps)
        {
            output?.WriteLine($"  init {step}: median {Median(values):F3} ms, max {values.Max():F3} ms");
        }

        Assert.Equal(
            ["config", "cgroup", "namespaces", "mounts", "pivot_root", "hostname+lo", "sysctls", "masked+readonly paths",
             "rlimits+oom_score_adj", "stdio+user+capabilities+resolve", "no_new_privs+seccomp load"],
            steps.Keys);
        Assert.All(steps.Values, values => Assert.Equal(Runs, values.Count));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
