using Fleet.Jail;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Rootfs;

/// <summary>The project's own <c>busybox</c> rootfs, built from the host's static busybox (Debian's busybox-static).</summary>
internal sealed class BusyboxRootfsBuilder(IOptions<AgentOptions> options) : IRootfsBuilder
{
    public string Name => RootfsCatalog.DefaultName;

    public Task EnsureAsync(string targetDirectory, CancellationToken cancellationToken) =>
        BusyboxRootfs.EnsureAsync(targetDirectory, options.Value.BusyboxPath, cancellationToken);
}
