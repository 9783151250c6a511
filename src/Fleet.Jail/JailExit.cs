namespace Fleet.Jail;

/// <summary>How a jail ended.</summary>
/// <param name="ExitCode">The program's exit code; 128 + signal when a signal killed it; null when it never ran or is unknown.</param>
/// <param name="FailureReason">Set when the jail could not be set up or the program could not be executed (exec failure, mount error, …) or its end could not be observed.</param>
public sealed record JailExit(int? ExitCode, string? FailureReason)
{
    /// <summary>
    /// True when the workload died by SIGKILL (exit code 137) and its cgroup's <c>oom_kill</c>
    /// counter rose while the jail ran: the kernel's OOM killer ended it at the memory limit. A
    /// plain <c>kill -9</c> leaves this false.
    /// </summary>
    public bool OomKilled { get; init; }

    public bool Failed => FailureReason is not null;
}
