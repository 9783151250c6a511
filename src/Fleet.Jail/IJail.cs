namespace Fleet.Jail;

/// <summary>
/// One started jail. Disposing it removes what the runtime created on the host for it (cgroups,
/// state directory) once it has exited; it never kills a running jail.
/// </summary>
public interface IJail : IAsyncDisposable
{
    string Id { get; }

    /// <summary>PID of the jail's first process as the host sees it.</summary>
    int HostPid { get; }

    /// <summary>Completes when the jail's first process (and so its whole PID namespace) has ended.</summary>
    Task<JailExit> Exited { get; }

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL; returns once it has exited. Safe to call after exit.</summary>
    Task<JailExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken);
}
