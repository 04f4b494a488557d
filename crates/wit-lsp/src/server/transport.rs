//! What reaches the protocol layer from the client. `tower-lsp-server`
//! stops reading for good at the first message it cannot decode (tokio-util's
//! `FramedRead` ends its stream after an error), so one malformed message
//! would leave the server deaf. Frames are checked here first: the ones it
//! could not decode are logged and dropped, everything else passes unchanged.
//! A frame whose length is bad or missing loses its body, and reading goes
//! on at the next header.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc;

/// Larger bodies are skipped rather than read into memory.
const MAX_BODY: usize = 512 << 20;

/// The frames of `input` that the protocol layer can decode.
pub(crate) fn checked(input: impl AsyncRead + Unpin + Send + 'static) -> impl AsyncRead {
    let (reader, mut writer) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        while let Some(frame) = next_frame(&mut input).await {
            let body = match frame {
                Ok(body) => body,
                Err(problem) => {
                    tracing::error!("dropped a message from the client: {problem}");
                    continue;
                }
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            let written = async {
                writer.write_all(header.as_bytes()).await?;
                writer.write_all(&body).await
            };
            if written.await.is_err() {
                // The server has stopped (after `exit`).
                return;
            }
        }
        // End of input: the protocol layer sees it too, as it should.
    });
    reader
}

/// The next frame's body, a reason to drop it, or `None` at the end.
async fn next_frame(input: &mut (impl AsyncBufReadExt + Unpin)) -> Option<Result<Vec<u8>, String>> {
    let mut length: Option<Result<usize, String>> = None;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let mut line = line.trim_end_matches(['\r', '\n']);
        // After a frame whose length was bad or missing, its body is read as
        // a header line, and the next frame's header follows it on that line.
        if let Some(at) = line.to_ascii_lowercase().find("content-length:") {
            line = &line[at..];
        }
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            // Blank lines between frames carry nothing.
            continue;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad Content-Length header {line:?}")),
            );
        }
    }
    let length = match length? {
        Ok(length) => length,
        Err(problem) => return Some(Err(problem)),
    };
    if length > MAX_BODY {
        let skipped = tokio::io::copy(
            &mut (&mut *input).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await
        .ok()?;
        return Some(Err(format!("a body of {skipped} bytes is too large")));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).await.is_err() {
        tracing::error!("the input ended in the middle of a message of {length} bytes");
        return None;
    }
    // The protocol layer reads the body as a `str` first: invalid UTF-8 in a
    // field serde skips would pass the checks below and still stop it.
    let decodes = std::str::from_utf8(&body).is_ok()
        && (serde_json::from_slice::<jsonrpc::Request>(&body).is_ok()
            || serde_json::from_slice::<jsonrpc::Response>(&body).is_ok());
    if decodes {
        Some(Ok(body))
    } else {
        let shown = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
        Some(Err(format!("not a JSON-RPC message: {shown}")))
    }
}
