namespace Fleet.Jail;

/// <summary>
/// One started jail. Disposing it removes what the runtime created on the host for it (cgroups,
/// state directory) once it has exited; it never kills a running jail: disposing a running one only
/// lets go of this handle, and <see cref="IJailRuntime.Recover"/> finds the jail again.
/// </summary>
public interface IJail : IAsyncDisposable
{
    string Id { get; }

    /// <summary>PID of the jail's first process as the host sees it.</summary>
    int HostPid { get; }

    /// <summary>Completes when the jail's first process (and so its whole PID namespace) has ended.</summary>
    Task<JailExit> Exited { get; }

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL; returns once it has exited. Safe to call after exit; throws <see cref="ObjectDisposedException"/> on a handle disposed while the jail ran.</summary>
    Task<JailExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken);
}
