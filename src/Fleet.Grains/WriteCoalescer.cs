namespace Fleet.Grains;

/// <summary>
/// Turns many state changes into few durable writes: at most one write is in flight, and every
/// change made while it runs goes out together in the next one. <see cref="Request"/> ends when a
/// write that began after the call has committed. Not thread-safe: it lives on one grain's
/// scheduler, whose turns never run at once.
/// </summary>
internal sealed class WriteCoalescer(Func<Task> write, Action<Exception> onError)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>True while a write is queued or running.</summary>
    public bool Busy => _writing;

    public Task Request()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = _next.Task;
        if (!_writing)
        {
            _writing = true;
            _ = RunAsync();
        }

        return committed;
    }

    private async Task RunAsync()
    {
        while (_next is { } waiting)
        {
            _next = null;
            try
            {
                await write();
                waiting.SetResult();
            }
            catch (Exception ex)
            {
                onError(ex);
                waiting.SetException(ex);

                // Callers that only published do not wait for the write; the error is logged above.
                _ = waiting.Task.Exception;
            }
        }

        _writing = false;
    }
}
