namespace Fleet.Jail.Tests;

/// <summary>
/// One test's jail runtime, state directory and log files; disposing it stops and removes every
/// jail it started, so a failing test leaves nothing behind.
/// </summary>
public sealed class TestJail : IAsyncDisposable
{
    private readonly JailFixture _fixture;
    private readonly List<IJail> _jails = [];

    /// <param name="traceInit">Each jail's init writes its step timings to init-trace in its bundle.</param>
    public TestJail(JailFixture fixture, bool traceInit = false)
    {
        _fixture = fixture;
        Directory = System.IO.Directory.CreateTempSubdirectory("t-").FullName;
        Runtime = fixture.NewRuntime(StateDirectory, traceInit);
    }

    public string Directory { get; }

    public string StateDirectory => Path.Combine(Directory, "jails");

    public JailRuntime Runtime { get; }

    public JailSpec Spec(string id, params string[] command) => new()
    {
        Id = id,
        Hostname = id,
        Command = command,
        RootfsPath = _fixture.RootfsPath,
        StdoutPath = StdoutPath(id),
        StderrPath = Path.Combine(Directory, "logs", id + ".stderr"),
    };

    public string StdoutPath(string id) => Path.Combine(Directory, "logs", id + ".stdout");

    public async Task<IJail> StartAsync(JailSpec spec)
    {
        var jail = await Runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        _jails.Add(jail);
        return jail;
    }

    /// <summary>Starts the jail, waits (at most 30 s) for its end and returns its exit and stdout.</summary>
    public async Task<(JailExit Exit, string Stdout)> RunAsync(JailSpec spec)
    {
        var jail = await StartAsync(spec);
        var exit = await jail.Exited.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var stdout = File.Exists(spec.StdoutPath) ? await File.ReadAllTextAsync(spec.StdoutPath, TestContext.Current.CancellationToken) : "";
        return (exit, stdout);
    }

    public void Track(IJail jail) => _jails.Add(jail);

    public async ValueTask DisposeAsync()
    {
        // Newest first: a recovered handle is the one that can still stop its jail.
        foreach (var jail in Enumerable.Reverse(_jails))
        {
            try
            {
                await jail.StopAsync(TimeSpan.Zero, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (ObjectDisposedException)
            {
                // Released by the test while running; whoever recovered it stops it.
            }

            await jail.DisposeAsync();
        }

        Runtime.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
