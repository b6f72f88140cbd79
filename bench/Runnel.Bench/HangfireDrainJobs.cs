using Hangfire;
using Npgsql;

namespace Runnel.Bench;

/// <summary>
/// Hangfire's drain jobs. <see cref="Touch"/> is a member's first step, run when its scheduled job falls due (Runnel's
/// released hold): it updates the member's contact row (<c>update_contact</c>) and enqueues <see cref="Check"/> as a new
/// durable job (the next wait, released). <see cref="Check"/> reads the contact and checks the field
/// (<c>condition_check</c>); its success completes the member.
/// </summary>
public sealed class HangfireDrainJobs(NpgsqlDataSource contacts, IBackgroundJobClient client, PeerDrainState state)
{
    public async Task Touch(long contactId)
    {
        try
        {
            await using var update = contacts.CreateCommand(
                "UPDATE bench_contacts SET last_name = 'drained' WHERE id = $1");
            update.Parameters.AddWithValue(contactId);
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException($"Contact {contactId} not found.");
            }

            client.Enqueue<HangfireDrainJobs>(jobs => jobs.Check(contactId));
            state.Executed();
        }
        catch (Exception error)
        {
            state.Fail(error);
            throw;
        }
    }

    public async Task Check(long contactId)
    {
        try
        {
            await using var read = contacts.CreateCommand("SELECT last_name FROM bench_contacts WHERE id = $1");
            read.Parameters.AddWithValue(contactId);
            var lastName = await read.ExecuteScalarAsync() as string;
            state.Executed();
            state.MemberCompleted(lastName == "drained");
        }
        catch (Exception error)
        {
            state.Fail(error);
            throw;
        }
    }
}
