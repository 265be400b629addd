using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Verdict.Web.Hosting;
using Verdict.Web.Reports;

namespace Verdict.Web.Api;

/// <summary>
/// A multipart/form-data request read as a stream: text fields into a dictionary, the one file part ("file") copied
/// straight to the request's temporary folder with its size checked as it arrives, or a sample ("sample") copied
/// from the embedded samples. Nothing is buffered whole in memory.
/// </summary>
internal sealed class UploadForm
{
    private const int MaxFields = 64;
    private const int MaxFieldChars = 64 * 1024;

    private UploadForm(Dictionary<string, string> fields, string? filePath, string? fileName)
    {
        Fields = fields;
        FilePath = filePath;
        FileName = fileName;
    }

    /// <summary>The text fields by name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The uploaded (or sample) file on disk, or null when the request had neither.</summary>
    public string? FilePath { get; }

    /// <summary>The file's safe name, as shown in messages and titles, or null.</summary>
    public string? FileName { get; }

    /// <summary>The trimmed field, or null when it is missing or blank.</summary>
    public string? Get(string name) => Fields.TryGetValue(name, out string? v) && v.Trim().Length > 0 ? v.Trim() : null;

    public static async Task<UploadForm> ReadAsync(HttpContext context, RequestFolder folder, long maxUploadBytes)
    {
        CancellationToken cancel = context.RequestAborted;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Room for the form fields and part headers around the file; the file itself is counted exactly below.
            limit.MaxRequestBodySize = maxUploadBytes + (1L << 20);
        }

        if (context.Request.ContentLength > maxUploadBytes + (1L << 20))
        {
            throw TooLarge(maxUploadBytes);
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
                "Send the file and the options as multipart/form-data (an HTML form with enctype=\"multipart/form-data\", or curl -F).", null);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? filePath = null, fileName = null;
        var reader = new MultipartReader(boundary, context.Request.Body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancel).ConfigureAwait(false)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw ApiException.BadRequest("A part of the form has no Content-Disposition: form-data header.", null);
            }

            string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (disposition.IsFileDisposition())
            {
                if (name != "file")
                {
                    throw ApiException.BadRequest($"The form has a file in field '{name}'; send the prediction file as the field 'file'.", "file");
                }

                if (filePath is not null)
                {
                    throw ApiException.BadRequest("The form has more than one file; send one prediction file.", "file");
                }

                string original = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                fileName = UploadFolder.SafeFileName(original);
                filePath = folder.FilePath(fileName);
                await CopyLimitedAsync(section.Body, filePath, maxUploadBytes, cancel).ConfigureAwait(false);
                continue;
            }

            if (fields.Count >= MaxFields)
            {
                throw ApiException.BadRequest("The form has too many fields.", null);
            }

            fields[name] = await ReadFieldAsync(section.Body, name, cancel).ConfigureAwait(false);
        }

        if (fields.TryGetValue("sample", out string? sampleName) && sampleName.Trim().Length > 0)
        {
            if (filePath is not null)
            {
                throw ApiException.BadRequest("The form has both a file and a sample; send one of them.", "sample");
            }

            Sample sample = Samples.Find(sampleName.Trim())
                ?? throw ApiException.BadRequest($"There is no sample '{sampleName.Trim()}'; the samples are {string.Join(", ", Samples.All.Select(s => s.Name))}.", "sample");
            fileName = sample.Name;
            filePath = folder.FilePath(sample.Name);
            Stream resource = EmbeddedAssets.Open("samples/" + sample.Name)!;
            await using (resource.ConfigureAwait(false))
            {
                FileStream output = new(filePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    await resource.CopyToAsync(output, cancel).ConfigureAwait(false);
                }
            }
        }

        return new UploadForm(fields, filePath, fileName);
    }

    /// <summary>The 413 error of an upload over the limit.</summary>
    public static ApiException TooLarge(long maxUploadBytes) => new(StatusCodes.Status413PayloadTooLarge,
        $"The file is larger than the upload limit of {WebServerOptions.FormatBytes(maxUploadBytes)}. Upload a smaller file (for example a sample of its rows), or start the server with a larger limit: verdict serve --max-upload 1GB.",
        "file");

    private static async Task CopyLimitedAsync(Stream input, string path, long maxBytes, CancellationToken cancel)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            FileStream output = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                long total = 0;
                int n;
                while ((n = await input.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                {
                    total += n;
                    if (total > maxBytes)
                    {
                        throw TooLarge(maxBytes);
                    }

                    await output.WriteAsync(buffer.AsMemory(0, n), cancel).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancel)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        char[] buffer = new char[4096];
        var sb = new StringBuilder();
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), cancel).ConfigureAwait(false)) > 0)
        {
            sb.Append(buffer, 0, n);
            if (sb.Length > MaxFieldChars)
            {
                throw ApiException.BadRequest($"The field '{name}' is longer than {MaxFieldChars} characters.", name);
            }
        }

        return sb.ToString();
    }
}
