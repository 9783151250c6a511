namespace Fleet.Jail;

/// <summary>How a jail ended.</summary>
/// <param name="ExitCode">The program's exit code; 128 + signal when a signal killed it; null when it never ran or is unknown.</param>
/// <param name="FailureReason">Set when the jail could not be set up or the program could not be executed (exec failure, mount error, …) or its end could not be observed.</param>
public sealed record JailExit(int? ExitCode, string? FailureReason)
{
    public bool Failed => FailureReason is not null;
}
