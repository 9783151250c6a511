using System.Text.Json.Serialization;
using Fleet.Contracts.V1;

namespace Fleet.Agent.Workloads;

// States are written by name so a record stays readable by people and by later versions of the enum.
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WorkloadRecord))]
[JsonSerializable(typeof(WorkloadState))]
internal sealed partial class WorkloadRecordJsonContext : JsonSerializerContext;
