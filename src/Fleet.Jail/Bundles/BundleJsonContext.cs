using System.Text.Json.Serialization;

namespace Fleet.Jail.Bundles;

/// <summary>Source-generated JSON for the bundle, so the NativeAOT init reads it without reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(JailState))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
