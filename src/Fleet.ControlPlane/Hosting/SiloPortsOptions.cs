namespace Fleet.ControlPlane.Hosting;

/// <summary>The ports of the co-hosted Orleans silo; bound from the <c>Orleans</c> section.</summary>
internal sealed class SiloPortsOptions
{
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo traffic. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans clients' gateway. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}
