using Hangfire;

namespace Runnel.Bench;

/// <summary>Hands Hangfire's workers the one <see cref="HangfireDrainJobs"/> of the run.</summary>
public sealed class HangfireJobActivator(HangfireDrainJobs jobs) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(HangfireDrainJobs) ? jobs : base.ActivateJob(jobType);
}
