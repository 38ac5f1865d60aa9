//! A video: the browser's own player with poster and captions for files
//! the portal hosts, or a YouTube player through youtube-nocookie.com.

use crate::i18n::use_ui;
use bantin_model::{is_youtube_id, Video};
use leptos::prelude::*;

/// The embed address of a YouTube video; `None` unless `id` is a real id,
/// so no content can put anything else in the frame's address.
pub fn youtube_embed(id: &str) -> Option<String> {
    is_youtube_id(id).then(|| format!("https://www.youtube-nocookie.com/embed/{id}"))
}

/// A video player, 16:9, sized before it loads.
#[component]
pub fn VideoPlayer(
    /// The video.
    video: Video,
) -> impl IntoView {
    let ui = use_ui();
    let Video {
        src,
        youtube,
        poster,
        captions,
        duration,
        title,
    } = video;
    let player = if let Some(embed) = youtube.as_deref().and_then(youtube_embed) {
        view! {
            <iframe
                class="video-frame"
                src=embed
                title=title.clone()
                width="800"
                height="450"
                allow="encrypted-media; picture-in-picture; fullscreen"
                referrerpolicy="strict-origin-when-cross-origin"
            ></iframe>
        }
        .into_any()
    } else if let Some(src) = src {
        let track = captions.map(|captions| {
            view! { <track kind="captions" src=crate::base::at(&captions) srclang="vi" label=ui.video_captions default /> }
        });
        view! {
            <video
                class="video-frame"
                controls
                preload="none"
                poster=poster.map(|poster| crate::base::at(&poster))
                width="800"
                height="450"
                aria-label=title.clone()
            >
                <source src=crate::base::at(&src) />
                {track}
                <p>{ui.video_unsupported}</p>
            </video>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <figure class="video">
            {player}
            {(!duration.is_empty())
                .then(|| view! { <figcaption>{format!("{}: {duration}", ui.duration)}</figcaption> })}
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_youtube_ids_reach_the_embed_address() {
        assert_eq!(
            youtube_embed("dQw4w9WgXcQ").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        );
        assert_eq!(youtube_embed("x\"><script>"), None);
        assert_eq!(youtube_embed("../../evil1"), None);
    }
}
