using System.Text;

namespace Fleet.Jail.Init;

/// <summary>The jail's host name, in its own UTS namespace.</summary>
internal static class Hostname
{
    public static void Set(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        Interop.CheckIo(Interop.Libc.Sethostname(bytes, (nuint)bytes.Length), "sethostname", name);
    }
}
