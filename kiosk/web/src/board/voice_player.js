// Plays one announcement: GET /api/c/{centre}/voice (a WAV, the chime
// first) and waits for its end. The result tells the Announcer what
// happened (see announcer.js).
//
// Chromium refuses sound before a user gesture unless it runs with
// --autoplay-policy=no-user-gesture-required, which is how the board runs
// in production (with --kiosk); without it, play() rejects with
// NotAllowedError and the board shows its "Bật âm thanh" button.
import { voiceUrl } from './board_model.js';

const NO_VOICE_SHOW_MS = 5000;  // a call shown without sound stays this long
const LOAD_TIMEOUT_MS = 15000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function playAudio(src) {
  return new Promise((resolve) => {
    const audio = new Audio(src);
    let done = false;
    let timer = 0;
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      audio.pause();
      resolve(result);
    };
    // A stalled element must not hold the queue: after its length (plus a
    // margin) it counts as spoken.
    timer = setTimeout(() => finish('ended'), LOAD_TIMEOUT_MS);
    audio.addEventListener('loadedmetadata', () => {
      clearTimeout(timer);
      const ms = Number.isFinite(audio.duration) ? audio.duration * 1000 : LOAD_TIMEOUT_MS;
      timer = setTimeout(() => finish('ended'), ms + 3000);
    });
    audio.addEventListener('ended', () => finish('ended'));
    audio.addEventListener('error', () => finish('failed'));
    audio.play().catch((e) => finish(e && e.name === 'NotAllowedError' ? 'blocked' : 'failed'));
  });
}

export function makeVoicePlayer(centre) {
  return async function play(item) {
    let response;
    try {
      response = await fetch(voiceUrl(centre, item));
    } catch (e) {
      return 'failed';
    }
    if (response.status === 404) {
      // The gateway runs with --no-voice: show the call without sound.
      await sleep(NO_VOICE_SHOW_MS);
      return 'novoice';
    }
    if (!response.ok) return 'failed';
    const url = URL.createObjectURL(await response.blob());
    try {
      return await playAudio(url);
    } finally {
      URL.revokeObjectURL(url);
    }
  };
}
