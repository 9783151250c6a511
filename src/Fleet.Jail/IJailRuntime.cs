namespace Fleet.Jail;

/// <summary>Starts jails on this host and finds those an earlier run of the agent left running.</summary>
public interface IJailRuntime
{
    /// <summary>
    /// Starts the jail and returns once its process exists. Setup failures inside the jail
    /// (mounts, exec) surface as a <see cref="JailExit"/> with a <see cref="JailExit.FailureReason"/>;
    /// failures before the process exists throw <see cref="JailException"/>.
    /// </summary>
    Task<IJail> StartAsync(JailSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// The jails whose state is still on disk from an earlier process of the agent: still running
    /// ones (their end observed by polling), and ended ones whose exit status may be unknown.
    /// </summary>
    IReadOnlyList<IJail> Recover();
}
