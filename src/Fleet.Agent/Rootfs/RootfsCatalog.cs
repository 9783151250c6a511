using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Rootfs;

/// <summary>The root file systems of this node: each subdirectory of <see cref="AgentOptions.RootfsDirectory"/>.</summary>
internal sealed partial class RootfsCatalog(IOptions<AgentOptions> options, IEnumerable<IRootfsBuilder> builders, ILogger<RootfsCatalog> logger)
{
    /// <summary>What a workload that names no rootfs gets (workloads.proto).</summary>
    public const string DefaultName = "busybox";

    private readonly string _directory = options.Value.RootfsDirectory;

    /// <summary>Builds every rootfs the agent knows how to build that is missing. A failure is logged: the node still serves the others.</summary>
    public async Task EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        foreach (var builder in builders)
        {
            var target = Path.Combine(_directory, builder.Name);
            try
            {
                await builder.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
                LogReady(builder.Name, target);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBuildFailed(ex, builder.Name, target);
            }
        }
    }

    /// <summary>The names of the root file systems present now, sorted.</summary>
    public IReadOnlyList<string> Names()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(_directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The directory of the rootfs <paramref name="name"/> (empty: the default), or why there is none.</summary>
    public bool TryResolve(string name, out string path, out string reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        var effective = name.Length == 0 ? DefaultName : name;
        path = Path.Combine(_directory, effective);

        // A name is one directory entry: anything that could walk out of the rootfs directory is refused.
        if (effective is "." or ".." || effective.Contains('/', StringComparison.Ordinal) || effective.Contains('\0', StringComparison.Ordinal))
        {
            reason = $"rootfs \"{effective}\" is not a valid rootfs name";
            return false;
        }

        if (!Directory.Exists(path))
        {
            var known = Names();
            reason = $"rootfs \"{effective}\" is not on this node (has: {(known.Count == 0 ? "none" : string.Join(", ", known))})";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rootfs {Name} ready in {Path}")]
    private partial void LogReady(string name, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not build rootfs {Name} in {Path}; workloads asking for it will fail")]
    private partial void LogBuildFailed(Exception exception, string name, string path);
}
