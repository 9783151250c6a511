using System.Globalization;

namespace Fleet.Cli.Dev;

/// <summary>A file holding one process id in decimal, the way daemons record themselves in /run.</summary>
internal static class PidFile
{
    /// <summary>The recorded pid; null when the file is missing or does not hold a positive number.</summary>
    public static int? Read(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? pid
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="pid"/>, replacing the file whole so a reader never sees half of it.</summary>
    public static void Write(string path, int pid)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, pid.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the file; nothing happens when it, or its directory, is not there.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
