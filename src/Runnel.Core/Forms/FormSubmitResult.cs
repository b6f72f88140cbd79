using Runnel.Core.Json;

namespace Runnel.Core.Forms;
public sealed record FormSubmitResult(Form Form, Guid SubmissionId, Guid ContactId, bool Created);
