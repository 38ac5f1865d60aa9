//! Renders an article's structured blocks. Text is always inserted as text,
//! never parsed as HTML, so content cannot inject markup.

use crate::components::attachment::AttachmentLink;
use crate::components::figure::Figure;
use crate::components::video_player::VideoPlayer;
use bantin_model::{Block, ImageRef, Inline};
use leptos::prelude::*;

fn render_inline(inline: Inline) -> AnyView {
    match inline {
        Inline::Text { text } => text.into_any(),
        Inline::Bold { children } => {
            view! { <strong>{render_inlines(children)}</strong> }.into_any()
        }
        Inline::Italic { children } => view! { <em>{render_inlines(children)}</em> }.into_any(),
        Inline::Link { href, children } => {
            let external = href.starts_with("http://") || href.starts_with("https://");
            view! {
                <a href=crate::base::at(&href) rel=external.then_some("noopener noreferrer")>
                    {render_inlines(children)}
                </a>
            }
            .into_any()
        }
    }
}

/// A run of inline text.
pub fn render_inlines(inlines: Vec<Inline>) -> impl IntoView {
    inlines.into_iter().map(render_inline).collect_view()
}

fn render_block(block: Block) -> AnyView {
    match block {
        Block::Paragraph { inlines } => view! { <p>{render_inlines(inlines)}</p> }.into_any(),
        Block::Heading { level, inlines } => match level {
            0..=2 => view! { <h2>{render_inlines(inlines)}</h2> }.into_any(),
            3 => view! { <h3>{render_inlines(inlines)}</h3> }.into_any(),
            _ => view! { <h4>{render_inlines(inlines)}</h4> }.into_any(),
        },
        Block::Image {
            src,
            alt,
            caption,
            width,
            height,
            variants,
        } => {
            let image = ImageRef {
                src,
                alt,
                width,
                height,
                variants,
            };
            view! { <Figure image caption lazy=true /> }.into_any()
        }
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{render_inlines(item)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Quote { paragraphs } => view! {
            <blockquote>
                {paragraphs
                    .into_iter()
                    .map(|p| view! { <p>{render_inlines(p)}</p> })
                    .collect_view()}
            </blockquote>
        }
        .into_any(),
        Block::Table { head, rows } => {
            let ui = crate::i18n::use_ui();
            let head = head
                .into_iter()
                .map(|cell| view! { <th scope="col">{render_inlines(cell)}</th> })
                .collect_view();
            let rows = rows
                .into_iter()
                .map(|row| {
                    let cells = row
                        .into_iter()
                        .map(|cell| view! { <td>{render_inlines(cell)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" role="region" aria-label=ui.table tabindex="0">
                    <table>
                        <thead><tr>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        Block::Video(video) => view! { <VideoPlayer video /> }.into_any(),
        Block::Attachment(attachment) => view! { <AttachmentLink attachment /> }.into_any(),
    }
}

/// The body of an article.
#[component]
pub fn ArticleBody(
    /// The article's blocks, in order.
    blocks: Vec<Block>,
) -> impl IntoView {
    view! { <div class="article-body">{blocks.into_iter().map(render_block).collect_view()}</div> }
        .into_any()
}
