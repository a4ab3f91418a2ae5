using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.Support;

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port, for tests of plugins that call HTTP APIs. Each path gets a
/// handler; every request is logged before its handler runs, so tests can assert headers, query parameters and
/// the number of calls. A path without a handler answers 404. Disposing the server cancels handlers still waiting.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private const int StartAttempts = 5;

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>>>
        _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly Task _accepting;

    private LoopbackHttpServer(HttpListener listener, int port)
    {
        _listener = listener;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request received so far, in the order they arrived.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToList();

    /// <summary>Starts a server on a free loopback port, trying another port when one is taken meanwhile.</summary>
    public static LoopbackHttpServer Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < StartAttempts)
            {
                listener.Close();
            }
        }
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this server.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).AbsoluteUri;

    /// <summary>Answers requests to <paramref name="path"/> (such as <c>/items</c>, any query) with a handler.
    /// </summary>
    public void Map(string path, Func<LoopbackRequest, LoopbackResponse> handler) =>
        Map(path, (request, _) => Task.FromResult(handler(request)));

    /// <summary>Answers requests to <paramref name="path"/> with an asynchronous handler; its token fires when the
    /// server is disposed.</summary>
    public void Map(string path, Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>> handler) =>
        _handlers[path] = handler;

    /// <summary>The requests received for <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<LoopbackRequest> RequestsTo(string path) =>
        _requests.Where(r => r.Path == path).ToList();

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        _accepting.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (IsGone(e))
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = new LoopbackRequest(context.Request);
        _requests.Enqueue(request);
        try
        {
            var response = _handlers.TryGetValue(request.Path, out var handler)
                ? await handler(request, _stopping.Token).ConfigureAwait(false)
                : LoopbackResponse.Status(404, $"no handler for {request.Path}");
            await WriteAsync(context.Response, response).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Response.Abort();
        }
        catch (Exception e) when (IsGone(e))
        {
            // The client went away, or the server is stopping.
        }
        catch (Exception e)
        {
            await TryWriteAsync(context.Response, LoopbackResponse.Status(500, $"handler failed: {e.Message}"));
        }
    }

    private static async Task WriteAsync(HttpListenerResponse target, LoopbackResponse response)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        target.StatusCode = response.StatusCode;
        target.ContentType = response.ContentType;
        foreach (var header in response.Headers)
        {
            target.AddHeader(header.Key, header.Value);
        }

        target.ContentLength64 = body.Length;
        await target.OutputStream.WriteAsync(body).ConfigureAwait(false);
        target.Close();
    }

    private static async Task TryWriteAsync(HttpListenerResponse target, LoopbackResponse response)
    {
        try
        {
            await WriteAsync(target, response).ConfigureAwait(false);
        }
        catch (Exception e) when (IsGone(e))
        {
            // Nothing more can be told to a client that went away.
        }
    }

    /// <summary>Whether an exception only says that the client or the listener is gone.</summary>
    private static bool IsGone(Exception e) =>
        e is HttpListenerException or ObjectDisposedException or InvalidOperationException or System.IO.IOException;
}
