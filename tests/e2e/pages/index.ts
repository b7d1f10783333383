export { expectAccessible, expectAccessibleOnce, scanPage } from "./accessibility";
export { fillSignIn, fillSignUp, signOut, signUp, type Account } from "./auth";
export { ChatPage, chatTitleOnServer, shownText } from "./chat";
export { Sidebar } from "./sidebar";
