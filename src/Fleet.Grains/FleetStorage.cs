namespace Fleet.Grains;

/// <summary>The grain storage Fleet's grains keep their state in.</summary>
public static class FleetStorage
{
    /// <summary>The name <see cref="FleetSiloBuilderExtensions.AddFleetGrains"/> registers the storage under.</summary>
    public const string Name = "fleet";

    /// <summary>The SQLite database file inside the data directory.</summary>
    public const string DatabaseFileName = "fleet.db";
}
