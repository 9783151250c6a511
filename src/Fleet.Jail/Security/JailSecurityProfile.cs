namespace Fleet.Jail.Security;

/// <summary>The capability set a jail starts from, before <see cref="JailSecurity.AddCapabilities"/> and <see cref="JailSecurity.DropCapabilities"/>.</summary>
public enum JailSecurityProfile
{
    /// <summary>Docker's 14 default capabilities without NET_RAW: CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE.</summary>
    Default,

    /// <summary>No capabilities at all: root in the jail is an ordinary user towards the kernel.</summary>
    Restricted,
}
