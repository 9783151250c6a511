using System.Globalization;

namespace Fleet.Scheduling;

/// <summary>
/// A version compared by Semantic Versioning 2.0.0 precedence: major, minor, patch numerically; a
/// pre-release ranks below its release ("1.0.0-rc.1" &lt; "1.0.0") and its dot-separated identifiers
/// compare numerically when both are numbers, otherwise in ASCII order, numbers first; build metadata
/// ("+abc") is ignored. Parsing is lenient where node attributes need it: a leading "v" is allowed
/// and missing minor or patch parts count as 0 ("6.1" is "6.1.0").
/// </summary>
public readonly struct SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    // Null in default(SemanticVersion), which is 0.0.0.
    private readonly string? _prerelease;

    private SemanticVersion(long major, long minor, long patch, string prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
    }

    public long Major { get; }

    public long Minor { get; }

    public long Patch { get; }

    /// <summary>The pre-release identifiers after "-", or empty for a release.</summary>
    public string Prerelease => _prerelease ?? string.Empty;

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"\"{text}\" is not a version (expected MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD])");

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var rest = text.AsSpan().Trim();
        if (rest.Length > 0 && (rest[0] == 'v' || rest[0] == 'V'))
        {
            rest = rest[1..];
        }

        var plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            rest = rest[..plus];
        }

        var prerelease = ReadOnlySpan<char>.Empty;
        var dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            prerelease = rest[(dash + 1)..];
            rest = rest[..dash];
            if (!ValidPrerelease(prerelease))
            {
                return false;
            }
        }

        Span<long> parts = [0, 0, 0];
        var count = 0;
        while (true)
        {
            var dot = rest.IndexOf('.');
            var part = dot < 0 ? rest : rest[..dot];
            if (count == 3 || part.IsEmpty || !AllDigits(part)
                || !long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out parts[count]))
            {
                return false;
            }

            count++;
            if (dot < 0)
            {
                break;
            }

            rest = rest[(dot + 1)..];
        }

        version = new SemanticVersion(parts[0], parts[1], parts[2], prerelease.ToString());
        return true;
    }

    public int CompareTo(SemanticVersion other)
    {
        var byNumbers = Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);
        return byNumbers != 0 ? byNumbers : ComparePrerelease(Prerelease, other.Prerelease);
    }

    public bool Equals(SemanticVersion other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    // Pre-releases that compare equal may differ in text ("rc.01", "rc.1"): hash only what equality always shares.
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch);

    public override string ToString() => Prerelease.Length == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}")
        : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}-{Prerelease}");

    public static bool operator ==(SemanticVersion left, SemanticVersion right) => left.Equals(right);

    public static bool operator !=(SemanticVersion left, SemanticVersion right) => !left.Equals(right);

    public static bool operator <(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) >= 0;

    private static int ComparePrerelease(string left, string right)
    {
        // A release outranks every pre-release of the same numbers (SemVer §11.3).
        if (left.Length == 0 || right.Length == 0)
        {
            return left.Length == right.Length ? 0 : left.Length == 0 ? 1 : -1;
        }

        var a = left.AsSpan();
        var b = right.AsSpan();
        while (true)
        {
            var aDot = a.IndexOf('.');
            var bDot = b.IndexOf('.');
            var aPart = aDot < 0 ? a : a[..aDot];
            var bPart = bDot < 0 ? b : b[..bDot];
            var byPart = CompareIdentifier(aPart, bPart);
            if (byPart != 0)
            {
                return byPart;
            }

            if (aDot < 0 || bDot < 0)
            {
                // The one with more identifiers ranks higher when all before are equal.
                return aDot < 0 ? (bDot < 0 ? 0 : -1) : 1;
            }

            a = a[(aDot + 1)..];
            b = b[(bDot + 1)..];
        }
    }

    private static int CompareIdentifier(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftNumeric = AllDigits(left);
        var rightNumeric = AllDigits(right);
        if (leftNumeric && rightNumeric)
        {
            // Compare as numbers of any length without parsing: strip leading zeros, then longer is larger.
            left = left.TrimStart('0');
            right = right.TrimStart('0');
            return left.Length != right.Length ? left.Length.CompareTo(right.Length) : Sign(left.SequenceCompareTo(right));
        }

        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return Sign(left.SequenceCompareTo(right));
    }

    private static bool ValidPrerelease(ReadOnlySpan<char> prerelease)
    {
        if (prerelease.IsEmpty)
        {
            return false;
        }

        foreach (var range in prerelease.Split('.'))
        {
            var identifier = prerelease[range];
            if (identifier.IsEmpty)
            {
                return false;
            }

            foreach (var c in identifier)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }

    private static int Sign(int value) => Math.Sign(value);
}
