using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Jail.Bundles;
using Fleet.Jail.Cgroups;
using Fleet.Jail.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Fleet.Jail;

/// <summary>
/// Runs jails on this host: writes an OCI bundle per jail, creates its cgroup with the limits,
/// and starts <c>fleet-jail-init</c> as PID 1 of a new PID namespace, which finishes the jail
/// (namespaces, overlay, pivot_root, …), forks the workload and stays as its reaper. See README.md beside this file.
/// </summary>
public sealed partial class JailRuntime : IJailRuntime, IDisposable
{
    private const int MaxHostnameLength = 64;

    private readonly JailRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CgroupDriver _cgroups;
    private readonly Lock _spawnerLock = new();
    private PidNamespaceSpawner? _spawner;

    public JailRuntime(JailRuntimeOptions options, ILogger<JailRuntime>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<JailRuntime>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _cgroups = CgroupDriver.Detect();
    }

    public async Task<IJail> StartAsync(JailSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var startedAt = _time.GetTimestamp();
        var spawner = Spawner();

        var cgroupsPath = $"/{_options.CgroupParent.Trim('/')}/{spec.Id}";
        var config = BundleConfig.From(spec, cgroupsPath, _options.TraceInitSteps);
        var bundle = OnHost("create bundle", spec.Id, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.StdoutPath))!);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.StderrPath))!);
            Directory.CreateDirectory(_options.StateDirectory);
            return JailBundle.Create(Path.Combine(_options.StateDirectory, spec.Id), config);
        });
        var footprint = new JailFootprint(bundle, _cgroups, cgroupsPath, _options.CgroupDrainTimeout);

        Process process;
        long oomKillsAtStart;
        try
        {
            _cgroups.Create(cgroupsPath, config.Linux.Resources);
            // A reused cgroup may have counted OOM kills before: only a rise is this jail's.
            oomKillsAtStart = footprint.OomKills();
            process = await spawner.SpawnAsync(InitStartInfo(bundle), cancellationToken);
        }
        catch (Exception e)
        {
            Log.StartFailed(_logger, e, spec.Id);
            try
            {
                await footprint.RemoveAsync(_time, CancellationToken.None);
            }
            catch (JailException cleanup)
            {
                Log.CleanupFailed(_logger, cleanup, spec.Id);
            }

            if (e is JailException or OperationCanceledException)
            {
                throw;
            }

            throw new JailException($"start jail {spec.Id}: {e.Message}", e);
        }

        // Opened before anything else can reap the process, so signals can only ever reach it.
        var pidfd = Interop.Libc.PidfdOpen(process.Id);
        if (ProcessStat.Read(process.Id) is { } stat)
        {
            OnHost("write state", spec.Id, () => bundle.WriteState(new JailState(process.Id, stat.StartTime, oomKillsAtStart)));
        }

        Log.Started(_logger, spec.Id, process.Id, _time.GetElapsedTime(startedAt).TotalMilliseconds);
        return new Jail(spec.Id, process.Id, pidfd, JailExits.FromProcessAsync(process, footprint, oomKillsAtStart), footprint, process.Dispose, _time);
    }

    public IReadOnlyList<IJail> Recover()
    {
        if (!Directory.Exists(_options.StateDirectory))
        {
            return [];
        }

        var jails = new List<IJail>();
        foreach (var directory in Directory.EnumerateDirectories(_options.StateDirectory))
        {
            var bundle = new JailBundle(directory);
            string cgroupsPath;
            try
            {
                cgroupsPath = bundle.ReadConfig().Linux.CgroupsPath ?? $"/{_options.CgroupParent.Trim('/')}/{bundle.Id}";
            }
            catch (Exception e) when (e is IOException or JsonException or JailException)
            {
                Log.RecoverSkipped(_logger, directory, e.Message);
                continue;
            }

            var footprint = new JailFootprint(bundle, _cgroups, cgroupsPath, _options.CgroupDrainTimeout);
            jails.Add(RecoverOne(bundle, footprint));
        }

        return jails;
    }

    public void Dispose() => _spawner?.Dispose();

    private Jail RecoverOne(JailBundle bundle, JailFootprint footprint)
    {
        var state = bundle.ReadState();
        if (state is not null)
        {
            var pidfd = Interop.Libc.PidfdOpen(state.Pid);
            // Checked after the pidfd is open: if the start time still matches now, the pidfd holds
            // the jail's process and not a later one that got the same PID.
            if (!pidfd.IsInvalid && ProcessStat.IsAlive(state.Pid, state.StartTime))
            {
                Log.RecoveredRunning(_logger, bundle.Id, state.Pid);
                var poll = new CancellationTokenSource();
                var exited = JailExits.WhenGoneAsync(state, footprint, _options.RecoveredPollInterval, _time, poll.Token);
                return new Jail(bundle.Id, state.Pid, pidfd, exited, footprint, () => { poll.Cancel(); poll.Dispose(); }, _time);
            }

            pidfd.Dispose();
        }

        // Gone (its reaper's exit file says how it ended), or never recorded (the agent stopped
        // between creating the bundle and writing state.json).
        Log.RecoveredEnded(_logger, bundle.Id);
        var none = new SafeFileHandle(-1, ownsHandle: false);
        var ended = Task.FromResult(JailExits.Ended(footprint, state?.OomKillsAtStart ?? 0, initExitCode: null));
        return new Jail(bundle.Id, state?.Pid ?? 0, none, ended, footprint, () => { }, _time);
    }

    private PidNamespaceSpawner Spawner()
    {
        lock (_spawnerLock)
        {
            if (_spawner is null)
            {
                if (!File.Exists(_options.InitPath))
                {
                    throw new JailException($"start {_options.InitPath}: No such file (publish src/Fleet.Jail.Init, see JailRuntimeOptions.InitPath)");
                }

                var warmUp = new ProcessStartInfo(_options.InitPath) { UseShellExecute = false };
                warmUp.ArgumentList.Add("--version");
                PidNamespaceSpawner.WarmUp(warmUp);
                _spawner = new PidNamespaceSpawner();
            }

            return _spawner;
        }
    }

    private ProcessStartInfo InitStartInfo(JailBundle bundle)
    {
        var startInfo = new ProcessStartInfo(_options.InitPath) { UseShellExecute = false };
        startInfo.ArgumentList.Add(bundle.Directory);
        // The workload's environment comes from config.json; the init needs none of the agent's.
        startInfo.Environment.Clear();
        return startInfo;
    }

    private static void Validate(JailSpec spec)
    {
        if (!JailId().IsMatch(spec.Id))
        {
            throw new ArgumentException($"jail id \"{spec.Id}\" must be 1-63 characters of a-z, 0-9 and '-', not starting or ending with '-'", nameof(spec));
        }

        if (spec.Command.Count == 0 || spec.Command[0].Length == 0)
        {
            throw new ArgumentException("jail command must not be empty", nameof(spec));
        }

        if (spec.Hostname.Length is 0 or > MaxHostnameLength)
        {
            throw new ArgumentException($"jail hostname must be 1-{MaxHostnameLength} characters", nameof(spec));
        }

        JailSpecValidation.Validate(spec);

        if (!Directory.Exists(spec.RootfsPath))
        {
            throw new JailException($"rootfs {spec.RootfsPath}: No such directory");
        }

        // overlayfs splits its options on ',' and its lower dirs on ':'.
        if (Path.GetFullPath(spec.RootfsPath).IndexOfAny([',', ':']) >= 0)
        {
            throw new JailException($"rootfs {spec.RootfsPath}: ',' and ':' cannot appear in an overlay lower dir");
        }
    }

    private static T OnHost<T>(string op, string jailId, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JailException($"{op} for jail {jailId}: {e.Message}", e);
        }
    }

    private static void OnHost(string op, string jailId, Action action) =>
        OnHost(op, jailId, () => { action(); return true; });

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex JailId();
}
