namespace Fleet.ControlPlane.Hosting;

/// <summary>Where the control plane keeps its state and listens; bound from the <c>Fleet</c> section.</summary>
internal sealed class ControlPlaneOptions
{
    public const string Section = "Fleet";

    /// <summary>The directory of the embedded store (SQLite file <c>fleet.db</c>); created when missing. Default <c>/var/lib/fleet/controlplane</c>.</summary>
    public string DataDirectory { get; set; } = "/var/lib/fleet/controlplane";

    /// <summary>The HTTP/2-only endpoint of every gRPC service, health and reflection included. Default <c>http://127.0.0.1:7400</c>.</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:7400";

    /// <summary>The HTTP/1 endpoint of <c>/metrics</c> and <c>/healthz</c>. Default <c>http://127.0.0.1:7401</c>.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:7401";
}
