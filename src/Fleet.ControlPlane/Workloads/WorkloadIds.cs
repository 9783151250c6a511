using System.Security.Cryptography;

namespace Fleet.ControlPlane.Workloads;

/// <summary>Workload ids: <c>w-</c> and 12 random lower-case base32 characters (60 bits), a valid DNS label.</summary>
internal static class WorkloadIds
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New() => "w-" + RandomNumberGenerator.GetString(Base32, 12);

    /// <summary>
    /// The name of a workload submitted without one: its id, which is already a DNS label and,
    /// being random, will not collide with a name someone else chose.
    /// </summary>
    public static string DefaultName(string id) => id;
}
