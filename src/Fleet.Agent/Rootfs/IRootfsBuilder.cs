namespace Fleet.Agent.Rootfs;

/// <summary>Builds a root file system in a directory if it is not complete there already.</summary>
internal interface IRootfsBuilder
{
    /// <summary>The rootfs name this builder produces (its directory under the rootfs directory).</summary>
    string Name { get; }

    Task EnsureAsync(string targetDirectory, CancellationToken cancellationToken);
}
