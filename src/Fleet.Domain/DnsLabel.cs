namespace Fleet.Domain;

/// <summary>RFC 1123 labels: the rule for workload names, which are also the jails' host names.</summary>
public static class DnsLabel
{
    public const int MaxLength = 63;

    public const string Rule =
        "must be a DNS label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var alphanumeric = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (!alphanumeric && !(c == '-' && i != 0 && i != name.Length - 1))
            {
                return false;
            }
        }

        return true;
    }
}
