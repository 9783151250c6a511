namespace Fleet.Grains.Tests;

/// <summary>
/// Waits for a state that one-way messages bring about (index retries, node publications). A
/// timeout here is missing evidence: the message names what never happened and the last value seen.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen in time; last seen: {value}");
            }

            await Task.Delay(50);
        }
    }
}
