using Expunge.Contracts;
using Expunge.Notifications.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Expunge.Notifications.Delivery;

/// <summary>
/// Email by SMTP (MailKit). The Message-Id is the delivery's id, so a message sent again after a crash between the
/// server's acceptance and our record of it is recognisably the same message. Subjects name the package only.
/// </summary>
public sealed class EmailSender(DeliverySettings settings, PackageDocuments documents)
{
    public async Task SendPackageAsync(Guid deliveryId, string to, FilingGenerated package, CancellationToken ct)
    {
        var total = package.Documents.Sum(d => d.Bytes);
        var attach = total <= settings.MaxAttachmentBytes;
        var body = new BodyBuilder { TextBody = Notices.Body(package, settings.MotionsUrl, attach) };
        if (attach)
        {
            foreach (var (document, content) in await documents.FetchAsync(package, ct))
            {
                // Base64 keeps every byte (a text part in transit would have its line endings rewritten): the attachment
                // matches the SHA-256 the package names.
                var part = (MimePart)body.Attachments.Add(document.Name, content, ContentType.Parse(document.MediaType));
                part.ContentTransferEncoding = ContentEncoding.Base64;
            }
        }
        await SendAsync(deliveryId, to, Notices.Subject(package), body.ToMessageBody(), ct);
    }

    public Task SendAlertAsync(Guid deliveryId, string to, AlertNotice alert, CancellationToken ct) =>
        SendAsync(deliveryId, to, Notices.AlertSubject(alert), new TextPart("plain") { Text = $"{alert.Summary}\r\n\r\nOpened {alert.OpenedAt:u}." }, ct);

    private async Task SendAsync(Guid deliveryId, string to, string subject, MimeEntity body, CancellationToken ct)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            Body = body,
            MessageId = $"{deliveryId:N}@expunge",
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        using var client = new SmtpClient { Timeout = 30_000 };
        // TLS when the server offers it (a county relay); a local development server speaks plain SMTP.
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, SecureSocketOptions.Auto, ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
