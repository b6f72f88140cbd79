using System.Globalization;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Runnel.Bench;

/// <summary>
/// Quartz.NET's drain job, one step of a member per execution. <c>touch</c>, fired by the member's due trigger
/// (Runnel's released hold), updates the member's contact row (<c>update_contact</c>) and schedules the member's
/// <c>check</c> as a new durable job due now (the next wait, released); <c>check</c> reads the contact and checks the
/// field (<c>condition_check</c>), which completes the member.
/// </summary>
public sealed class QuartzDrainJob : IJob
{
    public const string Touch = "touch";
    public const string Check = "check";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var run = QuartzPeer.RunOf(context);
        try
        {
            var contact = context.MergedJobDataMap.GetString(QuartzPeer.ContactKey)!;
            await using var connection = new SqliteConnection(run.ContactsConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // The pool's threads write the contacts file concurrently: let SQLite wait for its write lock itself.
            command.CommandText = "PRAGMA busy_timeout = 30000";
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.Parameters.AddWithValue("$id", long.Parse(contact, CultureInfo.InvariantCulture));
            if (context.MergedJobDataMap.GetString(QuartzPeer.StepKey) == Touch)
            {
                command.CommandText = "UPDATE bench_contacts SET last_name = 'drained' WHERE id = $id";
                if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new InvalidOperationException($"Contact {contact} not found.");
                }

                await context.Scheduler.ScheduleJob(QuartzPeer.Job(Check, contact), QuartzPeer.Due(Check, contact),
                    cancellationToken: cancellationToken);
                run.State.Executed();
                return;
            }

            command.CommandText = "SELECT last_name FROM bench_contacts WHERE id = $id";
            var lastName = await command.ExecuteScalarAsync(cancellationToken) as string;
            run.State.Executed();
            run.State.MemberCompleted(lastName == "drained");
        }
        catch (Exception error)
        {
            run.State.Fail(error);
            throw;
        }
    }
}
