using Runnel.Core.Storage;

namespace Runnel.Storage;

/// <summary>A <see cref="QueuedWrite"/> whose work returns a <typeparamref name="T"/>.</summary>
internal sealed class QueuedWrite<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    : QueuedWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public override bool IsCanceled => cancellationToken.IsCancellationRequested;

    public override async Task RunAsync(IStoreSession session) => _result = await work(session);

    protected override void SetResult() => _completion.TrySetResult(_result);

    protected override void SetException(Exception exception) => _completion.TrySetException(exception);

    protected override void SetCanceled() => _completion.TrySetCanceled(cancellationToken);
}
