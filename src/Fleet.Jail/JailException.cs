namespace Fleet.Jail;

/// <summary>A jail could not be created or cleaned up; the message names the operation and the path.</summary>
public sealed class JailException : Exception
{
    public JailException(string message) : base(message) { }

    public JailException(string message, Exception inner) : base(message, inner) { }

    public JailException() { }

    /// <summary>The errno of the failed system call, when one failed.</summary>
    public int? Errno { get; init; }
}
