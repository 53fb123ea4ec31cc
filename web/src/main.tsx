import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Api } from "./api";
import { RoomPage } from "./room";
import { StartPage } from "./start";
import "./style.css";

/** Room and token from the invite link's fragment, which browsers never send to a server. */
function from_fragment(): { room: string; token: string } | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const room = params.get("room");
  const token = params.get("token");
  return room && token ? { room, token } : null;
}

function App() {
  const [link, setLink] = useState(from_fragment);
  useEffect(() => {
    const changed = () => setLink(from_fragment());
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  if (!link) return <StartPage />;
  return <RoomPage key={link.room + link.token} api={new Api(link.room, link.token)} />;
}

render(<App />, document.getElementById("app")!);
