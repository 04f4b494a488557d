//! initialize / shutdown / exit, capabilities and position encodings.

use expect_test::expect;
use serde_json::{Value, json};

use crate::support::{Client, editor_capabilities};

#[tokio::test]
async fn initialize_advertises_what_is_implemented() {
    let mut client = Client::start_with("", json!({}), None).await;
    // `start_with` already initialized; a second `initialize` is refused.
    let again = client
        .request("initialize", json!({ "capabilities": {} }))
        .await;
    assert!(again.is_err(), "{again:?}");
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn initialize_result() {
    let fixture = "";
    let (client_side, server_side) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(wit_lsp::server::serve(server_read, server_write));
    let (read, write) = tokio::io::split(client_side);
    let mut client = Client::connect(fixture, read, Box::new(write));
    client.server = Some(server);
    let mut result = client.initialize(json!({}), None).await;
    result["serverInfo"]["version"] = json!("VERSION");
    expect![[r#"
        {
          "capabilities": {
            "positionEncoding": "utf-16",
            "textDocumentSync": {
              "openClose": true,
              "change": 2
            },
            "selectionRangeProvider": true,
            "hoverProvider": true,
            "completionProvider": {
              "triggerCharacters": [
                ":",
                "/",
                ".",
                "{",
                "<",
                "@"
              ]
            },
            "definitionProvider": true,
            "typeDefinitionProvider": true,
            "referencesProvider": true,
            "documentHighlightProvider": true,
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "codeActionProvider": {
              "codeActionKinds": [
                "quickfix",
                "source.organizeImports"
              ]
            },
            "codeLensProvider": {
              "resolveProvider": false
            },
            "documentFormattingProvider": true,
            "documentRangeFormattingProvider": true,
            "renameProvider": {
              "prepareProvider": true
            },
            "foldingRangeProvider": true,
            "declarationProvider": true,
            "executeCommandProvider": {
              "commands": [
                "wit-lsp.checkComponent",
                "wit-lsp.runWorld"
              ]
            },
            "workspace": {
              "workspaceFolders": {
                "supported": true,
                "changeNotifications": true
              }
            },
            "semanticTokensProvider": {
              "legend": {
                "tokenTypes": [
                  "namespace",
                  "interface",
                  "type",
                  "struct",
                  "enum",
                  "enumMember",
                  "class",
                  "function",
                  "method",
                  "parameter",
                  "property",
                  "variable",
                  "decorator",
                  "keyword",
                  "comment",
                  "string",
                  "number",
                  "operator"
                ],
                "tokenModifiers": [
                  "declaration",
                  "documentation",
                  "deprecated",
                  "defaultLibrary",
                  "static",
                  "async"
                ]
              },
              "range": true,
              "full": true
            }
          },
          "serverInfo": {
            "name": "wit-lsp",
            "version": "VERSION"
          }
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&result).unwrap());
    assert!(client.shut_down().await);
}

#[tokio::test]
async fn exit_without_shutdown_is_not_clean() {
    let mut client = Client::start("").await;
    client.notify("exit", Value::Null).await;
    let clean = client.server.take().unwrap().await.unwrap();
    assert!(!clean);
}

#[tokio::test]
async fn requests_after_shutdown_are_refused() {
    let mut client = Client::start("").await;
    assert_eq!(
        client.request("shutdown", Value::Null).await,
        Ok(Value::Null)
    );
    let refused = client.request("shutdown", Value::Null).await.unwrap_err();
    assert_eq!(refused["code"], -32600, "{refused}");
}

/// One line with characters of 1 to 4 UTF-8 bytes and 1 or 2 UTF-16 units
/// before a syntax error (the missing `;` before `}`).
const WIDE: &str = r#"
//- /wit/a.wit
package a:b;
interface i { /* é漢🙂 */ type t = u32 }
"#;

async fn error_column(encodings: Value) -> (Value, Value) {
    let mut capabilities = editor_capabilities();
    capabilities["general"] = json!({ "positionEncodings": encodings });
    let (client_side, server_side) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(wit_lsp::server::serve(server_read, server_write));
    let (read, write) = tokio::io::split(client_side);
    let mut client = Client::connect(WIDE, read, Box::new(write));
    client.server = Some(server);
    let result = client.initialize(capabilities, None).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    let (_, diagnostics) = &client.published[&client.uri("wit/a.wit")];
    (
        result["capabilities"]["positionEncoding"].clone(),
        diagnostics[0]["range"]["start"].clone(),
    )
}

#[tokio::test]
async fn position_encodings_are_negotiated() {
    // `}` is at character 37 counting UTF-32 units, 38 in UTF-16 (🙂 is two
    // units), 43 in UTF-8 bytes (é 2, 漢 3, 🙂 4).
    let cases = [
        (json!(null), "utf-16", 38),
        (json!(["utf-8", "utf-16"]), "utf-8", 43),
        (json!(["utf-32"]), "utf-32", 37),
        (json!(["utf-7", "utf-16"]), "utf-16", 38),
    ];
    for (offered, chosen, character) in cases {
        let (encoding, start) = error_column(offered.clone()).await;
        assert_eq!(encoding, chosen, "offered {offered}");
        assert_eq!(
            start,
            json!({ "line": 1, "character": character }),
            "offered {offered}"
        );
    }
}

#[tokio::test]
async fn watches_wit_files_when_the_client_can() {
    let fixture = r#"
//- /wit/a.wit
package a:b;
"#;
    let mut client = Client::start(fixture).await;
    client.open("wit/a.wit").await;
    client.settle().await;
    let registrations: Vec<_> = client
        .notifications
        .iter()
        .filter(|message| message["method"] == "client/registerCapability")
        .map(|message| message["params"]["registrations"].clone())
        .collect();
    expect![[r#"
        [
          [
            {
              "id": "wit-lsp/watched-files",
              "method": "workspace/didChangeWatchedFiles",
              "registerOptions": {
                "watchers": [
                  {
                    "globPattern": "**/*.wit"
                  },
                  {
                    "globPattern": "**/deps/**"
                  },
                  {
                    "globPattern": "**/*.wasm"
                  },
                  {
                    "globPattern": "**/*.wat"
                  }
                ]
              }
            }
          ]
        ]"#]]
    .assert_eq(&serde_json::to_string_pretty(&registrations).unwrap());
}
