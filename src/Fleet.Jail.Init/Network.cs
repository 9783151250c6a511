using System.Text;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>The jail's network namespace starts with only a loopback interface, and that one down.</summary>
internal static class Network
{
    public static unsafe void BringLoopbackUp()
    {
        var socket = Interop.CheckIo(Socket(AF_INET, SOCK_DGRAM, 0), "socket", "AF_INET");
        try
        {
            var request = default(IfReqFlags);
            Encoding.ASCII.GetBytes("lo", new Span<byte>(request.Name, 16));
            Interop.CheckIo(Ioctl(socket, SIOCGIFFLAGS, ref request), "ioctl SIOCGIFFLAGS", "lo");
            request.Flags |= IFF_UP | IFF_RUNNING;
            Interop.CheckIo(Ioctl(socket, SIOCSIFFLAGS, ref request), "ioctl SIOCSIFFLAGS", "lo");
        }
        finally
        {
            _ = Close(socket);
        }
    }
}
