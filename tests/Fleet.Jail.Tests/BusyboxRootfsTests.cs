namespace Fleet.Jail.Tests;

public sealed class BusyboxRootfsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("busybox-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Builds_a_rootfs_with_busybox_its_applets_and_the_usual_directories()
    {
        var rootfs = Path.Combine(_directory, "rootfs");

        await BusyboxRootfs.EnsureAsync(rootfs, cancellationToken: Cancel);

        Assert.True(File.Exists(Path.Combine(rootfs, "bin", "busybox")));
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(rootfs, "bin", "sh")).LinkTarget);
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(rootfs, "usr", "bin", "env")).LinkTarget);
        Assert.True(Directory.GetFileSystemEntries(Path.Combine(rootfs, "bin")).Length > 50);
        foreach (var directory in (string[])["proc", "dev", "sys", "etc", "root", "tmp"])
        {
            Assert.True(Directory.Exists(Path.Combine(rootfs, directory)), directory);
        }

        Assert.Equal(
            UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(rootfs, "tmp")));
        Assert.StartsWith("root:x:0:0:", await File.ReadAllTextAsync(Path.Combine(rootfs, "etc", "passwd"), Cancel));
        Assert.StartsWith("root:x:0:", await File.ReadAllTextAsync(Path.Combine(rootfs, "etc", "group"), Cancel));
        Assert.False(File.Exists(Path.Combine(rootfs, "etc", "hostname")));
        Assert.Equal([rootfs], Directory.GetDirectories(_directory));
    }

    [Fact]
    public async Task A_second_call_keeps_the_existing_rootfs()
    {
        var rootfs = Path.Combine(_directory, "rootfs");
        await BusyboxRootfs.EnsureAsync(rootfs, cancellationToken: Cancel);
        var marker = Path.Combine(rootfs, "etc", "marker");
        await File.WriteAllTextAsync(marker, "kept", Cancel);

        await BusyboxRootfs.EnsureAsync(rootfs, cancellationToken: Cancel);

        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task A_missing_busybox_says_to_install_busybox_static()
    {
        var error = await Assert.ThrowsAsync<JailException>(() =>
            BusyboxRootfs.EnsureAsync(Path.Combine(_directory, "rootfs"), Path.Combine(_directory, "no-busybox"), Cancel));

        Assert.Contains("install busybox-static", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_directory, "rootfs")));
    }

    [Fact]
    public async Task A_dynamically_linked_busybox_is_refused()
    {
        // Any dynamically linked executable stands in for Debian's non-static busybox package.
        var error = await Assert.ThrowsAsync<JailException>(() =>
            BusyboxRootfs.EnsureAsync(Path.Combine(_directory, "rootfs"), "/bin/ls", Cancel));

        Assert.Contains("not a statically linked executable", error.Message);
        Assert.Contains("install busybox-static", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
