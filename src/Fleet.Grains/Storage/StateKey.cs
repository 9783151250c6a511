namespace Fleet.Grains.Storage;

/// <summary>The primary key of one grain's named state in the table.</summary>
internal readonly record struct StateKey(string GrainType, string GrainId, string StateName)
{
    public static StateKey From(string stateName, GrainId grainId) =>
        new(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);

    public override string ToString() => $"{GrainType}/{GrainId}/{StateName}";
}
