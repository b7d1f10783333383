import { useCallback, useEffect, useRef, useState } from "react";

/** Closer to the bottom than this counts as at the bottom. */
const SLACK_PX = 48;

/**
 * Keeps a scrolling conversation at its end while it grows, the way a chat
 * follows a streaming answer, until the reader scrolls up; scrolling back
 * down to the end (or `scrollToBottom`) follows again. `active` says whether
 * the elements exist (they are not rendered before the first message).
 */
export function useStickToBottom(active: boolean) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  useEffect(() => {
    const scroller = scrollerRef.current;
    const content = contentRef.current;
    if (!active || !scroller || !content) return;
    const distance = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    let lastTop = scroller.scrollTop;
    // Only moving up lets go: growth of the text never moves scrollTop up, so
    // a burst of text arriving between two frames cannot pass for the reader leaving.
    const onScroll = () => {
      const top = scroller.scrollTop;
      const near = distance() < SLACK_PX;
      if (near) stuck.current = true;
      else if (top < lastTop - 1) stuck.current = false;
      lastTop = top;
      setAtBottom(near);
    };
    // A wheel turned upwards means "let me read", even before anything has moved.
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) stuck.current = false;
    };
    const follow = new ResizeObserver(() => {
      if (stuck.current) scroller.scrollTop = scroller.scrollHeight;
      else setAtBottom(distance() < SLACK_PX);
    });
    scroller.scrollTop = scroller.scrollHeight;
    scroller.addEventListener("scroll", onScroll, { passive: true });
    scroller.addEventListener("wheel", onWheel, { passive: true });
    follow.observe(content);
    follow.observe(scroller);
    return () => {
      scroller.removeEventListener("scroll", onScroll);
      scroller.removeEventListener("wheel", onWheel);
      follow.disconnect();
    };
  }, [active]);

  const scrollToBottom = useCallback((behavior: ScrollBehavior = "smooth") => {
    const scroller = scrollerRef.current;
    stuck.current = true;
    setAtBottom(true);
    scroller?.scrollTo({ top: scroller.scrollHeight, behavior });
  }, []);

  /** Stops following the end, as when the reader is taken to an earlier message. */
  const letGo = useCallback(() => {
    stuck.current = false;
  }, []);

  return { scrollerRef, contentRef, atBottom, scrollToBottom, letGo };
}
