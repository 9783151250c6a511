namespace Fleet.Deploy.Tests;

/// <summary>A port a compose service publishes: host port (null when Docker picks one) to container port.</summary>
internal sealed record PortMapping(int? Published, int Target);
