namespace Fleet.Grains;

/// <summary>A node grain's answer to a placement: accepted, or rejected with the reason.</summary>
[GenerateSerializer, Immutable, Alias("fleet.Reservation")]
public sealed record Reservation(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string Reason);
