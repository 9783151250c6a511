namespace Fleet.ControlPlane.Tests.Support;

/// <summary>One control-plane host with its own empty data directory, shared by the tests of one class.</summary>
public class ControlPlaneFixture : IAsyncLifetime
{
    private readonly TempDirectory dataDirectory = new();
    private RunningControlPlane? host;

    internal RunningControlPlane Host => host ?? throw new InvalidOperationException("the control plane has not started");

    /// <summary>Configuration the host starts with, as <c>Key=value</c>.</summary>
    protected virtual string[] Settings => [];

    public async ValueTask InitializeAsync() => host = await RunningControlPlane.Start(dataDirectory.Path, Settings);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        dataDirectory.Dispose();
        GC.SuppressFinalize(this);
    }
}
