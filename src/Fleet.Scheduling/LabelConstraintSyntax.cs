using System.Collections.Immutable;

namespace Fleet.Scheduling;

/// <summary>Reads the written form of a <see cref="LabelConstraint"/>; values are checked by the constraint itself.</summary>
internal static class LabelConstraintSyntax
{
    private const string Expected =
        "expected one of: key=value, key!=value, key in (a, b), key not in (a, b), key exists, key not exists, key semver >= 1.2.3";

    public static bool TryRead(string? text, out string key, out ConstraintOperator op, out ImmutableArray<string> values, out string error)
    {
        key = string.Empty;
        op = default;
        values = [];
        error = string.Empty;
        var rest = (text ?? string.Empty).AsSpan().Trim();
        var keyLength = 0;
        while (keyLength < rest.Length && !char.IsWhiteSpace(rest[keyLength]) && "=!<>(),".IndexOf(rest[keyLength]) < 0)
        {
            keyLength++;
        }

        if (keyLength == 0)
        {
            error = $"\"{text}\" has no label name: {Expected}";
            return false;
        }

        key = rest[..keyLength].ToString();
        rest = rest[keyLength..].TrimStart();
        if (rest.StartsWith("!="))
        {
            op = ConstraintOperator.NotEqual;
            return Single(rest[2..], text, ref values, ref error);
        }

        if (rest.StartsWith("="))
        {
            op = ConstraintOperator.Equal;
            return Single(rest[(rest.StartsWith("==") ? 2 : 1)..], text, ref values, ref error);
        }

        if (TakeWord(ref rest, "exists") && rest.IsEmpty)
        {
            op = ConstraintOperator.Exists;
            return true;
        }

        if (TakeWord(ref rest, "in"))
        {
            op = ConstraintOperator.In;
            return List(rest, text, ref values, ref error);
        }

        if (TakeWord(ref rest, "not"))
        {
            if (TakeWord(ref rest, "exists") && rest.IsEmpty)
            {
                op = ConstraintOperator.NotExists;
                return true;
            }

            if (TakeWord(ref rest, "in"))
            {
                op = ConstraintOperator.NotIn;
                return List(rest, text, ref values, ref error);
            }
        }
        else if (TakeWord(ref rest, "semver") || TakeWord(ref rest, "version"))
        {
            (op, var length) = rest switch
            {
                _ when rest.StartsWith(">=") => (ConstraintOperator.VersionGreaterOrEqual, 2),
                _ when rest.StartsWith("<=") => (ConstraintOperator.VersionLessOrEqual, 2),
                _ when rest.StartsWith(">") => (ConstraintOperator.VersionGreater, 1),
                _ when rest.StartsWith("<") => (ConstraintOperator.VersionLess, 1),
                _ => (default, 0),
            };
            if (length > 0)
            {
                return Single(rest[length..], text, ref values, ref error);
            }

            error = $"\"{text}\": semver takes one of >=, >, <=, < and a version";
            return false;
        }

        error = $"\"{text}\" is not a constraint: {Expected}";
        return false;
    }

    /// <summary>Consumes <paramref name="word"/> when it stands alone at the start (followed by a space, "(", a comparison or the end).</summary>
    private static bool TakeWord(ref ReadOnlySpan<char> rest, string word)
    {
        if (!rest.StartsWith(word, StringComparison.Ordinal)
            || (rest.Length > word.Length && !char.IsWhiteSpace(rest[word.Length]) && "(<>".IndexOf(rest[word.Length]) < 0))
        {
            return false;
        }

        rest = rest[word.Length..].TrimStart();
        return true;
    }

    private static bool Single(ReadOnlySpan<char> rest, string? text, ref ImmutableArray<string> values, ref string error)
    {
        var value = rest.Trim();
        if (value.IsEmpty || value.ContainsAny(" \t,()"))
        {
            error = $"\"{text}\" needs one value without spaces, commas or parentheses after the operator";
            return false;
        }

        values = [value.ToString()];
        return true;
    }

    private static bool List(ReadOnlySpan<char> rest, string? text, ref ImmutableArray<string> values, ref string error)
    {
        if (!rest.StartsWith("(") || !rest.EndsWith(")"))
        {
            error = $"\"{text}\": in and not in take a list in parentheses, e.g. (a, b)";
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        var inner = rest[1..^1];
        foreach (var range in inner.Split(','))
        {
            var value = inner[range].Trim();
            if (value.IsEmpty || value.ContainsAny(" \t()"))
            {
                error = $"\"{text}\": every value in the list must be non-empty, without spaces or parentheses";
                return false;
            }

            builder.Add(value.ToString());
        }

        values = builder.ToImmutable();
        return true;
    }
}
