namespace Runnel.Bench;

/// <summary>
/// What a peer's drain jobs report back to the bench: every job execution that finished its work, every member whose
/// chain completed (and whether its condition check saw the contact update), and the first error, which ends the run.
/// </summary>
public sealed class PeerDrainState(int members)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _executions;
    private int _completed;
    private int _mismatches;

    public int Members => members;

    /// <summary>Job executions that finished their unit of work (a retried job counts each time it ran).</summary>
    public long Executions => Interlocked.Read(ref _executions);

    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Condition checks that did not find the contact updated (expected 0).</summary>
    public int Mismatches => Volatile.Read(ref _mismatches);

    /// <summary>Completes when every member's chain has completed; faults on the first job error.</summary>
    public Task Done => _done.Task;

    public void Executed() => Interlocked.Increment(ref _executions);

    public void MemberCompleted(bool conditionHeld)
    {
        if (!conditionHeld)
        {
            Interlocked.Increment(ref _mismatches);
        }

        if (Interlocked.Increment(ref _completed) == members)
        {
            _done.TrySetResult();
        }
    }

    public void Fail(Exception error) => _done.TrySetException(error);

    /// <summary>Waits for <see cref="Done"/>, printing progress to the console every 30 s; gives up after an hour.</summary>
    public async Task WaitAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddHours(1);
        while (!Done.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name}: {Completed} of {members} chains completed after an hour.");
            }

            await Task.WhenAny(Done, Task.Delay(TimeSpan.FromSeconds(30)));
            if (!Done.IsCompleted)
            {
                Console.Error.WriteLine($"[{name}] {Executions} job executions, {Completed} of {members} chains completed");
            }
        }

        await Done;
    }
}
